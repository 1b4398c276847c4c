import { applyDecorators, BadRequestException, UseInterceptors } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { FileInterceptor, type MulterModuleOptions } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiPayloadTooLargeResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ErrorBody } from '@lienket/http-common';
import { rm } from 'node:fs/promises';
import { diskStorage } from 'multer';
import { tmpdir } from 'node:os';
import type { Env } from '../config/env';
import { IMPORT_UPLOAD_SCHEMA } from './dto/import-upload.dto';
import { ImportPreviewResponse } from './dto/import-preview.response';
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

/** A spreadsheet upload route: multipart field "file", answered with a preview. */
export const SheetUpload = () =>
  applyDecorators(
    UseInterceptors(FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: IMPORT_UPLOAD_SCHEMA }),
    ApiCreatedResponse({ type: ImportPreviewResponse }),
    ApiPayloadTooLargeResponse({ type: ErrorBody }),
    ApiUnsupportedMediaTypeResponse({ type: ErrorBody }),
  );

/** Runs `use` on the uploaded temporary file and always deletes it afterwards. */
export async function withUploadedFile<T>(
  file: Express.Multer.File | undefined,
  use: (sheet: UploadedSheet) => Promise<T>,
): Promise<T> {
  const sheet = requireFile(file);
  try {
    return await use(sheet);
  } finally {
    await rm(sheet.path, { force: true });
  }
}
