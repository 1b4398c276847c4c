import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Page, paginate } from '@lienket/http-common';
import { foldVietnamese, toSearchPrefix } from '@lienket/vn-identity';
import { DataSource, Repository } from 'typeorm';
import { diffForAudit, AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { toUserResponse, UserResponse } from './dto/user.response';
import { assertBindings } from './user-bindings';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor | null, dto: CreateUserDto): Promise<UserResponse> {
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (em) => {
      const bindings = {
        role: dto.role,
        cooperativeId: dto.cooperativeId ?? null,
        enterpriseId: dto.enterpriseId ?? null,
        communeCode: dto.communeCode ?? null,
      };
      await assertBindings(em, bindings);
      if (await em.existsBy(User, { username: dto.username })) {
        throw new ConflictException(`Username ${dto.username} is taken`);
      }
      const user = em.create(User, {
        ...bindings,
        username: dto.username,
        passwordHash,
        fullName: dto.fullName,
        searchKey: foldVietnamese(dto.fullName),
        email: dto.email ?? null,
        active: true,
        lastLoginAt: null,
      });
      await em.insert(User, user);
      const saved = await em.findOneByOrFail(User, { id: user.id });
      await this.audit.record(em, actor, {
        entity: 'user',
        entityId: saved.id,
        action: 'create',
        changes: diffForAudit(null, toUserResponse(saved)),
      });
      return toUserResponse(saved);
    });
  }

  list(q: ListUsersQuery): Promise<Page<UserResponse>> {
    const qb = this.users.createQueryBuilder('u');
    if (q.search) {
      qb.andWhere("(u.searchKey LIKE :p ESCAPE '!' OR u.username LIKE :p ESCAPE '!')", {
        p: toSearchPrefix(q.search),
      });
    }
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.cooperativeId) qb.andWhere('u.cooperativeId = :c', { c: q.cooperativeId });
    if (q.enterpriseId) qb.andWhere('u.enterpriseId = :e', { e: q.enterpriseId });
    return paginate(qb, q, toUserResponse);
  }

  async findOne(id: string): Promise<UserResponse> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException(`User ${id} not found`);
    return toUserResponse(user);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    const { version, password, ...fields } = dto;
    const passwordHash = password ? await hashPassword(password) : undefined;
    return this.dataSource.transaction(async (em) => {
      const before = await em.findOneBy(User, { id });
      if (!before) throw new NotFoundException(`User ${id} not found`);
      const role = fields.role ?? before.role;
      // A binding given wins; one not given is kept only when the (new) role can have it.
      const keep = <T>(given: T | undefined, old: T | null, allowed: boolean): T | null =>
        given ?? (allowed ? old : null);
      const bindings = {
        role,
        cooperativeId: keep(fields.cooperativeId, before.cooperativeId, role === 'cooperative'),
        enterpriseId: keep(fields.enterpriseId, before.enterpriseId, role === 'enterprise'),
        communeCode: keep(
          fields.communeCode,
          before.communeCode,
          role === 'official' || role === 'inspector',
        ),
      };
      await assertBindings(em, bindings);
      const changes: Partial<User> = {
        ...bindings,
        ...(fields.fullName !== undefined
          ? { fullName: fields.fullName, searchKey: foldVietnamese(fields.fullName) }
          : {}),
        ...(fields.email !== undefined ? { email: fields.email } : {}),
        ...(fields.active !== undefined ? { active: fields.active } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      };
      const { affected } = await em.update(User, { id, version }, { ...changes, version: version + 1 });
      if (!affected) {
        throw new ConflictException(
          `User ${id} was changed by someone else (your version ${version}, current ${before.version})`,
        );
      }
      const after = await em.findOneByOrFail(User, { id });
      const audited = diffForAudit(toUserResponse(before), toUserResponse(after));
      await this.audit.record(em, actor, {
        entity: 'user',
        entityId: id,
        action: passwordHash ? 'update+password' : 'update',
        changes: audited,
      });
      return toUserResponse(after);
    });
  }

  /** SPEC §5 bootstrap: when no admin exists and a password is configured, create one. */
  async bootstrapAdmin(username: string, password: string | undefined): Promise<void> {
    if (!password || (await this.users.existsBy({ role: 'admin' }))) return;
    await this.create(null, { username, password, fullName: 'Administrator', role: 'admin' });
    this.logger.log({ msg: 'bootstrap admin created', username });
  }
}
