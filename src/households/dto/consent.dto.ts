import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** Consent to data sharing (đồng ý chia sẻ dữ liệu). */
export class ConsentDto {
  @ApiProperty({ example: '2026-03-01', description: 'Date consent was given, YYYY-MM-DD' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'givenOn must be a date YYYY-MM-DD' })
  givenOn!: string;

  @ApiProperty({ example: 'programme-1719', description: 'What the data may be shared for' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  scope!: string;
}
