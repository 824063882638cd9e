import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { PlaceLevel } from './place.entity.js';

registerEnumType(PlaceLevel, { name: 'PlaceLevel' });

@ObjectType({ description: 'An official administrative area of Indonesia, by its Kemendagri code' })
export class Place {
  @Field({ description: 'Kemendagri code, e.g. 36 (Banten), 33.75 (Kota Pekalongan), 35.13.13.2003 (Alasnyiur)' })
  code: string;

  @Field(() => PlaceLevel)
  level: PlaceLevel;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  parentCode: string | null;
}

@ObjectType()
export class PlaceConnection extends Connection(Place) {}
