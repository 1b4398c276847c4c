import { HttpException, HttpStatus } from '@nestjs/common';

/** No session: the pages answer with the login page (303 to /login?next=…). */
export class LoginRequired extends HttpException {
  constructor() {
    super('Login required', HttpStatus.UNAUTHORIZED);
  }
}

/** A form without a valid CSRF token. */
export class CsrfRejected extends HttpException {
  constructor() {
    super('Invalid or missing CSRF token', HttpStatus.FORBIDDEN);
  }
}
