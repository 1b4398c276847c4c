import { BadRequestException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { tmpdir } from 'node:os';
import type { Env } from '../config/env';
import type { UploadedSheet } from './household-import-preview.service';

/** Uploads go to a temporary file (streamed, never held in memory); over the limit is 413. */
export const multerOptions = (config: ConfigService<Env, true>): MulterModuleOptions => ({
  storage: diskStorage({ destination: tmpdir() }),
  limits: { fileSize: config.get('IMPORT_MAX_BYTES', { infer: true }), files: 1, fields: 10 },
});

export function requireFile(file: Express.Multer.File | undefined): UploadedSheet {
  if (!file) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      details: [{ field: 'file', message: 'file is required (multipart/form-data, field "file")' }],
    });
  }
  return { path: file.path, originalname: file.originalname, mimetype: file.mimetype };
}
