import { QueryFailedError } from 'typeorm';

export type ConstraintViolation = 'unique' | 'foreign-key-missing' | 'foreign-key-referenced' | 'not-null';

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
}

/** Recognises unique and foreign-key violations from MySQL/MariaDB and SQLite. */
export function constraintViolation(error: unknown): ConstraintViolation | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = (error as QueryFailedError & { driverError?: DriverError }).driverError ?? {};
  const code = driver.code ?? '';
  const message = driver.message ?? error.message;
  if (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  ) {
    return 'unique';
  }
  if (code === 'ER_NO_REFERENCED_ROW_2' || code === 'ER_NO_REFERENCED_ROW') return 'foreign-key-missing';
  if (code === 'ER_ROW_IS_REFERENCED_2' || code === 'ER_ROW_IS_REFERENCED') return 'foreign-key-referenced';
  if (code === 'ER_BAD_NULL_ERROR' || code === 'SQLITE_CONSTRAINT_NOTNULL') return 'not-null';
  // SQLite reports both directions of a foreign-key failure with one code.
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || /FOREIGN KEY constraint failed/.test(message)) {
    return 'foreign-key-missing';
  }
  return null;
}

/** MySQL names the duplicated key; SQLite names table.column. Either way we tell the client which one. */
export function duplicatedKey(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const message = error.message;
  const mysql = /for key '(?:[^'.]+\.)?([^']+)'/.exec(message);
  if (mysql) return mysql[1];
  const sqlite = /UNIQUE constraint failed: ([\w.,\s]+)/.exec(message);
  return sqlite ? sqlite[1].trim() : null;
}

/** The column a NOT NULL violation names (MySQL: Column 'x' cannot be null; SQLite: table.x). */
export function nullColumn(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const match = /Column '([^']+)' cannot be null|NOT NULL constraint failed: \w+\.(\w+)/.exec(error.message);
  return match ? (match[1] ?? match[2]) : null;
}
