import { ApiProperty } from '@nestjs/swagger';
import { IsDateOnly } from '@lienket/http-common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Consent to data sharing (đồng ý chia sẻ dữ liệu). */
export class ConsentDto {
  @ApiProperty({ example: '2026-03-01', description: 'Date consent was given, YYYY-MM-DD' })
  @IsDateOnly()
  givenOn!: string;

  @ApiProperty({ example: 'programme-1719', description: 'What the data may be shared for' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  scope!: string;
}
