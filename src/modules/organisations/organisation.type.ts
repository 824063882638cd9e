import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { DateScalar } from '../../common/graphql/date.scalar.js';
import { OrganisationKind } from './organisation.entity.js';

registerEnumType(OrganisationKind, { name: 'OrganisationKind' });

export enum OrganisationStatus {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(OrganisationStatus, { name: 'OrganisationStatus' });

@ObjectType()
export class Contact {
  @Field() name: string;
  @Field(() => String, { nullable: true }) role?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@ObjectType({ description: 'A member organisation: company, union, NGO, government office, network, …' })
export class Organisation {
  @Field(() => ID) id: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
  @Field() name: string;
  @Field(() => String, { nullable: true }) shortName: string | null;
  @Field(() => ID, { nullable: true }) parentId: string | null;
  @Field(() => String, { nullable: true, description: 'Kemendagri code of where it is' }) placeCode: string | null;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field(() => [Contact]) contacts: Contact[];
  @Field(() => Date, { nullable: true }) archivedAt: Date | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Int, { description: 'Increases with every change; send it back with updates' }) version: number;
}

@ObjectType({ description: "An organisation's membership of a network" })
export class NetworkMembership {
  @Field(() => ID) id: string;
  @Field(() => ID) networkId: string;
  @Field(() => ID) memberId: string;
  @Field(() => DateScalar) joinedOn: string;
  @Field(() => DateScalar, { nullable: true }) leftOn: string | null;
}

@ObjectType()
export class OrganisationConnection extends Connection(Organisation) {}
