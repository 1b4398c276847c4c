import { INestApplication } from '@nestjs/common';
import { foldVietnamese } from '@lienket/vn-identity';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/role';
import { Cooperative } from '../../src/cooperatives/cooperative.entity';
import { Enterprise } from '../../src/enterprises/enterprise.entity';
import { UsersService } from '../../src/users/users.service';

let sequence = 0;
/** Unique per process and run, so test files can share one database without truncation. */
export const unique = (): string =>
  `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}${(sequence++).toString(36)}`;

/** A 10-digit tax code that no other fixture in this run will use. */
export const uniqueTaxCode = (): string =>
  String(Math.floor(Math.random() * 9e9) + 1e9).slice(0, 6) + String(sequence++ % 10000).padStart(4, '0');

export const PASSWORD = 'Mật-khẩu-thử-2026';

export interface TestUser {
  id: string;
  username: string;
  token: string;
  refreshToken: string;
}

/** Makes the records a test needs through the real services and the real login. */
export class Fixtures {
  constructor(private readonly app: INestApplication) {}

  private get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async cooperative(overrides: Partial<Cooperative> = {}): Promise<Cooperative> {
    const repo = this.dataSource.getRepository(Cooperative);
    const name = overrides.name ?? `Hợp tác xã Thử nghiệm ${unique()}`;
    const row = repo.create({
      taxCode: uniqueTaxCode(),
      communeCode: '06427',
      status: 'active',
      ...overrides,
      name,
      searchKey: foldVietnamese(name),
    });
    await repo.insert(row);
    return row;
  }

  async enterprise(overrides: Partial<Enterprise> = {}): Promise<Enterprise> {
    const repo = this.dataSource.getRepository(Enterprise);
    const name = overrides.name ?? `Công ty Thử nghiệm ${unique()}`;
    const row = repo.create({
      taxCode: uniqueTaxCode(),
      kind: 'exporter',
      markets: ['CN'],
      ...overrides,
      name,
      searchKey: foldVietnamese(name),
    });
    await repo.insert(row);
    return row;
  }

  /** A user of the role (with a fresh cooperative or enterprise when the role needs one), logged in. */
  async user(
    role: Role,
    bindings: { cooperativeId?: string; enterpriseId?: string; communeCode?: string } = {},
  ): Promise<TestUser> {
    const username = `t.${role.slice(0, 4)}.${unique()}`.toLowerCase();
    const cooperativeId =
      role === 'cooperative' ? (bindings.cooperativeId ?? (await this.cooperative()).id) : undefined;
    const enterpriseId =
      role === 'enterprise' ? (bindings.enterpriseId ?? (await this.enterprise()).id) : undefined;
    const created = await this.app.get(UsersService).create(null, {
      username,
      password: PASSWORD,
      fullName: `Người dùng thử ${role}`,
      role,
      cooperativeId,
      enterpriseId,
      communeCode: bindings.communeCode,
    });
    const login = await request(this.app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ username, password: PASSWORD })
      .expect(200);
    return { id: created.id, username, token: login.body.accessToken, refreshToken: login.body.refreshToken };
  }
}

/** Requests as a signed-in user: `signedIn(app, user).get(url)`, `.post(url, body)`… */
export function signedIn(app: INestApplication, user: TestUser) {
  const send = (method: 'get' | 'post' | 'put' | 'patch' | 'delete') => (url: string, body?: object) => {
    const req = request(app.getHttpServer())[method](url).auth(user.token, { type: 'bearer' });
    return body === undefined ? req : req.send(body);
  };
  return {
    get: send('get'),
    post: send('post'),
    put: send('put'),
    patch: send('patch'),
    delete: send('delete'),
  };
}
