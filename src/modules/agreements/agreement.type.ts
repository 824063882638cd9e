import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { DateScalar } from '../../common/graphql/date.scalar.js';
import { FieldChange } from '../audit/history-entry.type.js';
import { PartyRole } from './agreement-party.entity.js';
import { AgreementKind, ThematicArea } from './agreement.entity.js';

registerEnumType(AgreementKind, { name: 'AgreementKind' });
registerEnumType(ThematicArea, { name: 'ThematicArea' });
registerEnumType(PartyRole, { name: 'PartyRole' });

@ObjectType({ description: 'An MoU (Nota Kesepahaman), a cooperation agreement (PKS) or a programme agreement' })
export class Agreement {
  @Field(() => ID) id: string;
  @Field(() => AgreementKind) kind: AgreementKind;
  @Field() reference: string;
  @Field() title: string;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => [ThematicArea]) thematicAreas: ThematicArea[];
  @Field(() => DateScalar, { nullable: true }) signedOn: string | null;
  @Field(() => DateScalar, { nullable: true }) effectiveFrom: string | null;
  @Field(() => DateScalar, { nullable: true }) effectiveUntil: string | null;
  @Field(() => [String], { description: 'Kemendagri codes of the areas covered' }) coveragePlaceCodes: string[];
  @Field(() => ID, { nullable: true, description: 'The agreement this one renews' }) renewsId: string | null;
  @Field(() => Date, { nullable: true }) terminatedAt: Date | null;
  @Field(() => String, { nullable: true }) terminationReason: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Int, { description: 'Increases with every change; send it back with changes' }) version: number;
}

@ObjectType({ description: 'An organisation party to an agreement, and who signed for it' })
export class AgreementParty {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => PartyRole) role: PartyRole;
  @Field(() => String, { nullable: true }) signatoryName: string | null;
  @Field(() => String, { nullable: true }) signatoryTitle: string | null;
}

@ObjectType()
export class KeyPoint {
  @Field(() => Int) number: number;
  @Field() text: string;
}

@ObjectType()
export class AgreementDocument {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() url: string;
  @Field(() => String, { nullable: true }) sha256: string | null;
  @Field(() => ID, { nullable: true }) uploadedById: string | null;
  @Field(() => Date) uploadedAt: Date;
}

@ObjectType({ description: 'A change to an ACTIVE agreement, numbered in order' })
export class AgreementAmendment {
  @Field(() => ID) id: string;
  @Field(() => Int) number: number;
  @Field() reason: string;
  @Field(() => [FieldChange]) changes: FieldChange[];
  @Field(() => ID, { nullable: true }) amendedById: string | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class AgreementConnection extends Connection(Agreement) {}
