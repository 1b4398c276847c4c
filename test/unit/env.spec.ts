import 'reflect-metadata';
import express from 'express';
import { DEV_JWT_SECRET, InvalidEnvError, validateEnv } from '../../src/config/env';
import { dataSourceOptions } from '../../src/database/data-source-options';

const problemsOf = (raw: Record<string, string>): string => {
  try {
    validateEnv(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvError);
    return (error as Error).message;
  }
  throw new Error(`validateEnv accepted ${JSON.stringify(raw)}`);
};

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-forty-characters!',
  DATABASE_URL: 'mysql://lienket:s3cret@db:3306/lienket',
  REDIS_URL: 'redis://redis:6379',
  PORT: '8080',
};

describe('validateEnv', () => {
  it('applies the defaults to an empty environment', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      SQLITE_PATH: './data/lienket.sqlite',
      JWT_SECRET: DEV_JWT_SECRET,
      JWT_ACCESS_TTL_SECONDS: 900,
      JWT_REFRESH_TTL_SECONDS: 604800,
      ADMIN_USERNAME: 'admin',
      BODY_LIMIT: '1mb',
      TRUST_PROXY: 'loopback',
      LOG_LEVEL: 'info',
      LOGIN_MAX_FAILURES_PER_USERNAME: 5,
      LOGIN_MAX_FAILURES_PER_IP: 30,
      LOGIN_WINDOW_SECONDS: 900,
      DATABASE_POOL_SIZE: 10,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('treats empty values as unset and converts numbers and booleans', () => {
    const env = validateEnv({
      PORT: '',
      DATABASE_URL: '',
      JWT_ACCESS_TTL_SECONDS: '60',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
    });
    expect(env).toMatchObject({
      PORT: 3000,
      JWT_ACCESS_TTL_SECONDS: 60,
      SEED_DEMO: false,
      LOG_LEVEL: 'silent',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(validateEnv({ SEED_DEMO: 'yes' }).SEED_DEMO).toBe(true);
  });

  it('refuses PORT=abc, naming PORT', () => {
    expect(problemsOf({ PORT: 'abc' })).toMatch(/\bPORT\b/);
    expect(problemsOf({ PORT: '70000' })).toMatch(/\bPORT\b/);
  });

  it('takes a pool size of 2 connections or more, naming DATABASE_POOL_SIZE otherwise', () => {
    const env = validateEnv({ DATABASE_URL: 'mysql://root@db:3306/lienket', DATABASE_POOL_SIZE: '4' });
    expect(dataSourceOptions(env)).toMatchObject({ type: 'mysql', extra: { connectionLimit: 4 } });
    expect(problemsOf({ DATABASE_POOL_SIZE: '1' })).toMatch(/\bDATABASE_POOL_SIZE\b/);
    expect(problemsOf({ DATABASE_POOL_SIZE: 'many' })).toMatch(/\bDATABASE_POOL_SIZE\b/);
  });

  it('refuses a DATABASE_URL that is not MySQL/MariaDB, naming DATABASE_URL', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://x' })).toMatch(/\bDATABASE_URL\b/);
    expect(problemsOf({ DATABASE_URL: 'mysql://root@localhost:3306' })).toMatch(/\bDATABASE_URL\b/);
    expect(validateEnv({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/lienket' }).DATABASE_URL).toBe(
      'mariadb://root@127.0.0.1:3306/lienket',
    );
  });

  it('refuses the development JWT secret in production, naming JWT_SECRET', () => {
    const { JWT_SECRET: _secret, ...withoutSecret } = PRODUCTION;
    expect(problemsOf(withoutSecret)).toMatch(/\bJWT_SECRET\b/);
    expect(problemsOf({ ...PRODUCTION, JWT_SECRET: DEV_JWT_SECRET })).toMatch(/\bJWT_SECRET\b/);
    expect(problemsOf({ ...PRODUCTION, JWT_SECRET: 'too-short' })).toMatch(/\bJWT_SECRET\b/);
  });

  it('names every bad variable at once', () => {
    const message = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'postgres://x',
      LOG_LEVEL: 'loud',
      BODY_LIMIT: 'lots',
    });
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'BODY_LIMIT']) expect(message).toContain(name);
  });

  it('passes a TRUST_PROXY hop count to Express as a number, and addresses as text', () => {
    const oneHop = validateEnv({ TRUST_PROXY: '1' }).TRUST_PROXY;
    expect(oneHop).toBe(1);
    // With 1 hop, the proxy in front (whatever its address) is trusted for X-Forwarded-For.
    const trusts = express().set('trust proxy', oneHop).get('trust proxy fn');
    expect(trusts('10.0.0.7', 0)).toBe(true);
    expect(validateEnv({ TRUST_PROXY: '10.0.0.0/8, loopback' }).TRUST_PROXY).toBe('10.0.0.0/8, loopback');
  });

  it('accepts a valid production configuration', () => {
    const env = validateEnv({ ...PRODUCTION, ADMIN_PASSWORD: 'Quản-trị-2026!' });
    expect(env).toMatchObject({
      NODE_ENV: 'production',
      PORT: 8080,
      DATABASE_URL: PRODUCTION.DATABASE_URL,
      REDIS_URL: PRODUCTION.REDIS_URL,
      JWT_SECRET: PRODUCTION.JWT_SECRET,
      ADMIN_PASSWORD: 'Quản-trị-2026!',
    });
  });
});
