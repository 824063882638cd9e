import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACTOR_RESOLVER } from '../../common/auth/actor-resolver.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { LoginLimiter } from './login-limiter.js';
import { PasswordPolicy } from './password-policy.js';
import { PasswordService } from './password.service.js';
import { SessionEntity } from './session.entity.js';
import { UserEntity } from './user.entity.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity]),
    OrganisationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A key object made once: given the secret as text, jsonwebtoken would try it as a public key and then make a
      // secret key on every sign and verify (a thrown and caught error each time: 14 % of a simple read's CPU).
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret)) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    AuthService,
    PasswordService,
    PasswordPolicy,
    LoginLimiter,
    UsersService,
    AuthResolver,
    UsersResolver,
    { provide: ACTOR_RESOLVER, useExisting: AuthService },
  ],
  exports: [AuthService, PasswordService, UsersService, ACTOR_RESOLVER],
})
export class UsersModule {}
