import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { PROGRAMMES, Programme, SUPPORT_KINDS } from '../../support/support-record.entity';
import { ANY_KIND } from '../../support/support-rule.entity';

const KINDS = [ANY_KIND, ...SUPPORT_KINDS];

export class SupportRuleDto {
  @ApiProperty({ enum: PROGRAMMES, description: 'Programme that already supported the household' })
  @IsIn(PROGRAMMES)
  existingProgramme!: Programme;

  @ApiProperty({ enum: PROGRAMMES, description: 'Programme about to support it again' })
  @IsIn(PROGRAMMES)
  newProgramme!: Programme;

  @ApiProperty({ enum: KINDS, description: 'Kind of support (the purpose); * for any' })
  @IsIn(KINDS)
  kind!: string;

  @ApiProperty({ description: 'May both support the same purpose in the same year?' })
  @IsBoolean()
  allowed!: boolean;
}

export class PutSupportRulesDto {
  @ApiProperty({ type: [SupportRuleDto], description: 'The whole table; pairs not listed are allowed' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SupportRuleDto)
  rules!: SupportRuleDto[];
}
