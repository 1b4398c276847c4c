import 'reflect-metadata';
import {
  ArgumentsHost,
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AllExceptionsFilter, toFieldErrors, ValidationFailedException } from '@lienket/http-common';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsString,
  Min,
  ValidateNested,
  ValidationError,
  validateSync,
} from 'class-validator';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';

class Consent {
  @IsString() @IsNotEmpty() givenOn!: string;
  @IsString() scope!: string;
}
class Member {
  @IsString() name!: string;
}
class Household {
  @IsString() headName!: string;
  @IsInt() @Min(1) memberCount!: number;
  @ValidateNested() @Type(() => Consent) consent!: Consent;
  @ValidateNested({ each: true }) @Type(() => Member) members!: Member[];
}

const errorsOf = (plain: object): ValidationError[] =>
  validateSync(plainToInstance(Household, plain), { validationError: { target: false, value: false } });

describe('toFieldErrors', () => {
  it('flattens nested and array errors into dotted paths, one entry per broken rule', () => {
    const details = toFieldErrors(
      errorsOf({
        headName: 'Hoàng Văn Thụ',
        memberCount: 0,
        consent: { givenOn: '', scope: 7 },
        members: [{ name: 'Lan' }, { name: 3 }],
      }),
    );
    expect(details).toEqual(
      expect.arrayContaining([
        { field: 'memberCount', message: 'memberCount must not be less than 1' },
        { field: 'consent.givenOn', message: 'givenOn should not be empty' },
        { field: 'consent.scope', message: 'scope must be a string' },
        { field: 'members.1.name', message: 'name must be a string' },
      ]),
    );
    expect(details).toHaveLength(4);
  });

  it('keeps every message of a field that breaks several rules', () => {
    const details = toFieldErrors(errorsOf({ headName: 1, memberCount: 'x', consent: {}, members: [] }));
    const fields = details.map((d) => d.field);
    expect(fields.filter((f) => f === 'memberCount')).toHaveLength(2);
    expect(new Set(fields)).toEqual(new Set(['headName', 'memberCount', 'consent.givenOn', 'consent.scope']));
  });

  it('answers nothing for no errors, and honours a parent path', () => {
    expect(toFieldErrors([])).toEqual([]);
    const error = Object.assign(new ValidationError(), {
      property: 'code',
      constraints: { matches: 'bad code' },
      children: [],
    });
    expect(toFieldErrors([error], 'items.2')).toEqual([{ field: 'items.2.code', message: 'bad code' }]);
  });
});

describe('AllExceptionsFilter.toBody', () => {
  const filter = new AllExceptionsFilter();

  it('keeps the status and message of an HttpException', () => {
    expect(filter.toBody(new NotFoundException('Commune 99999 not found'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Commune 99999 not found',
    });
    expect(filter.toBody(new ForbiddenException())).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Forbidden',
    });
    expect(filter.toBody(new UnprocessableEntityException('Cooperative x does not exist'))).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'Cooperative x does not exist',
    });
  });

  it('answers a string response as the message, and joins a list of messages', () => {
    expect(filter.toBody(new HttpException('Slow down', HttpStatus.TOO_MANY_REQUESTS))).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Slow down',
    });
    expect(filter.toBody(new BadRequestException(['a is wrong', 'b is wrong']))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'a is wrong; b is wrong',
    });
  });

  it('takes the error name from the status, not from the exception', () => {
    const body = filter.toBody(
      new HttpException({ statusCode: 429, message: 'Too many failed logins', error: 'Whatever' }, 429),
    );
    expect(body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too many failed logins' });
  });

  it('passes validation details through', () => {
    const details = [{ field: 'nationalId', message: 'nationalId must be a 12-digit CCCD' }];
    expect(filter.toBody(new ValidationFailedException(details))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      details,
    });
  });

  it('answers 404 for an EntityNotFoundError', () => {
    expect(filter.toBody(new EntityNotFoundError('User', { id: 'x' }))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Not found',
    });
  });

  it('answers 409 naming the key for a duplicate on either engine', () => {
    const mysql = new QueryFailedError(
      'INSERT …',
      [],
      Object.assign(new Error("Duplicate entry 'lan' for key 'users.UQ_users_username'"), {
        code: 'ER_DUP_ENTRY',
      }),
    );
    expect(filter.toBody(mysql)).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Duplicate value for UQ_users_username',
    });
    const sqlite = new QueryFailedError(
      'INSERT …',
      [],
      Object.assign(new Error('UNIQUE constraint failed: users.username'), {
        code: 'SQLITE_CONSTRAINT_UNIQUE',
      }),
    );
    expect(filter.toBody(sqlite)).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Duplicate value for users.username',
    });
  });

  it('answers 422 for a missing referenced record and 409 for a still-referenced one', () => {
    const missing = new QueryFailedError(
      'INSERT …',
      [],
      Object.assign(new Error('fk'), { code: 'ER_NO_REFERENCED_ROW_2' }),
    );
    expect(filter.toBody(missing)).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    const sqlite = new QueryFailedError(
      'INSERT …',
      [],
      Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }),
    );
    expect(filter.toBody(sqlite)).toMatchObject({ statusCode: 422 });
    const referenced = new QueryFailedError(
      'DELETE …',
      [],
      Object.assign(new Error('fk'), { code: 'ER_ROW_IS_REFERENCED_2' }),
    );
    expect(filter.toBody(referenced)).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('answers 400 naming the column for a NOT NULL violation on either engine', () => {
    const mysql = new QueryFailedError(
      'UPDATE …',
      [],
      Object.assign(new Error("Column 'active' cannot be null"), { code: 'ER_BAD_NULL_ERROR' }),
    );
    expect(filter.toBody(mysql)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      details: [{ field: 'active', message: expect.stringContaining('active') }],
    });
    const sqlite = new QueryFailedError(
      'UPDATE …',
      [],
      Object.assign(new Error('NOT NULL constraint failed: users.active'), {
        code: 'SQLITE_CONSTRAINT_NOTNULL',
      }),
    );
    expect(filter.toBody(sqlite)).toMatchObject({ statusCode: 400, details: [{ field: 'active' }] });
  });

  it('answers 500 for anything else, without leaking its message', () => {
    const secret = 'connect ECONNREFUSED 10.0.0.5:3306 user=root';
    for (const thrown of [
      new Error(secret),
      new QueryFailedError('SELECT …', [], new Error(secret)),
      secret,
      undefined,
    ]) {
      expect(filter.toBody(thrown)).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
      });
    }
  });
});

describe('AllExceptionsFilter.catch', () => {
  const hostFor = (response: object) =>
    ({ switchToHttp: () => ({ getResponse: () => response }) }) as unknown as ArgumentsHost;
  const fakeResponse = (headersSent = false) => {
    const sent: { status?: number; body?: unknown } = {};
    const response = {
      headersSent,
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: unknown) {
        sent.body = body;
        return this;
      },
    };
    return { response, sent };
  };

  it('writes the status and body, and logs only server errors', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const filter = new AllExceptionsFilter();
      const notFound = fakeResponse();
      filter.catch(new NotFoundException('gone'), hostFor(notFound.response));
      expect(notFound.sent).toEqual({
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'gone' },
      });
      expect(log).not.toHaveBeenCalled();
      const crash = fakeResponse();
      filter.catch(new Error('boom'), hostFor(crash.response));
      expect(crash.sent.status).toBe(500);
      expect(log).toHaveBeenCalledTimes(1);
    } finally {
      log.mockRestore();
    }
  });

  it('writes nothing once the headers are sent', () => {
    const { response, sent } = fakeResponse(true);
    new AllExceptionsFilter().catch(new NotFoundException(), hostFor(response));
    expect(sent).toEqual({});
  });
});
