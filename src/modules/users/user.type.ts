import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Role } from '../../common/auth/role.js';
import { Connection } from '../../common/graphql/connection.js';

@ObjectType({ description: 'A person who signs in; the password is never part of it' })
export class User {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field(() => Role) role: Role;
  @Field(() => ID, { nullable: true }) organisationId: string | null;
  @Field(() => Date, { nullable: true }) deactivatedAt: Date | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Int) version: number;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Send as "Authorization: Bearer <accessToken>"' }) accessToken: string;
  @Field(() => Date) accessTokenExpiresAt: Date;
  @Field({ description: 'Exchange with refreshSession for a new pair; usable once' }) refreshToken: string;
  @Field(() => User) user: User;
}

@ObjectType()
export class UserConnection extends Connection(User) {}
