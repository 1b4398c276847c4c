import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** The multipart form's text fields (the file itself arrives through multer, see IMPORT_UPLOAD_SCHEMA). */
export class ImportUploadDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Officials: cooperative the households join' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

/** OpenAPI shape of the whole multipart form. */
export const IMPORT_UPLOAD_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: '.xlsx (first sheet) or UTF-8 .csv' },
    cooperativeId: {
      type: 'string',
      format: 'uuid',
      description: 'Officials: cooperative the households join',
    },
  },
};
