import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldError {
  @ApiProperty({ example: 'nationalId', description: 'Dotted path of the offending field' })
  field!: string;
  @ApiProperty({ example: 'nationalId must be a 12-digit CCCD' })
  message!: string;
}

/** The one error shape every endpoint answers with (SPEC §5). */
export class ErrorBody {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'Validation failed' }) message!: string;
  @ApiPropertyOptional({ type: [FieldError] }) details?: FieldError[];
}
