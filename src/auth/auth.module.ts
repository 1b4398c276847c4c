import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '../config/env';
import { User } from '../users/user.entity';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginAttemptsService } from './login-attempts.service';
import { RefreshToken } from './refresh-token.entity';
import { TOKEN_ALGORITHM, TOKEN_ISSUER } from './tokens';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken]),
    UsersModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a public key
        // and then builds a key object, on every verify.
        secret: createSecretKey(Buffer.from(config.get('JWT_SECRET', { infer: true }))),
        signOptions: { algorithm: TOKEN_ALGORITHM, issuer: TOKEN_ISSUER },
        verifyOptions: { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, AccessTokens, LoginAttemptsService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [JwtModule, AuthService, AccessTokens],
})
export class AuthModule {}
