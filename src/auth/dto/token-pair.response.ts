import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from '../../users/dto/user.response';

export class TokenPairResponse {
  @ApiProperty({ description: 'Short-lived bearer token for every API call' }) accessToken!: string;
  @ApiProperty({ description: 'Single-use token for POST /auth/refresh' }) refreshToken!: string;
  @ApiProperty({ example: 900, description: 'Access token lifetime in seconds' }) expiresIn!: number;
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}
