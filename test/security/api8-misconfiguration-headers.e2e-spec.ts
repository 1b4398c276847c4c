import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/app';

/** OWASP API8:2023 Security Misconfiguration — headers and CORS. */
let app: INestApplication;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

it('answers carry security headers and do not name the framework', async () => {
  const res = await request(app.getHttpServer()).get('/api/v1').expect(200);
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
});

it('pages get a content security policy: this site only, no framing', async () => {
  const res = await request(app.getHttpServer()).get('/login').expect(200);
  const csp = res.headers['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
});

it('CORS is off unless CORS_ORIGINS names an origin', async () => {
  const res = await request(app.getHttpServer())
    .options('/api/v1/households')
    .set('Origin', 'https://evil.example')
    .set('Access-Control-Request-Method', 'POST');
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
  const plain = await request(app.getHttpServer()).get('/api/v1').set('Origin', 'https://evil.example');
  expect(plain.headers['access-control-allow-origin']).toBeUndefined();
});
