import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';

export const CurrentActor = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
