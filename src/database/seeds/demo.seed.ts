import { Injectable, Logger } from '@nestjs/common';
import { foldVietnamese } from '@lienket/vn-identity';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Role } from '../../auth/role';
import { Cooperative } from '../../cooperatives/cooperative.entity';
import { Enterprise } from '../../enterprises/enterprise.entity';
import { User } from '../../users/user.entity';
import { UsersService } from '../../users/users.service';
import { CertificatesSeed } from './certificates.seed';
import { ValueChainsSeed } from './value-chains.seed';

const DEMO_COOPERATIVE = {
  name: 'Hợp tác xã Nông nghiệp Na Cai Kinh',
  taxCode: '4900876543',
  communeCode: '06427',
  address: 'Thôn Làng Ngò, xã Cai Kinh, tỉnh Lạng Sơn',
  directorName: 'Hoàng Văn Thắng',
  phone: '0912345678',
  foundedOn: '2019-03-15',
};
const DEMO_ENTERPRISE = {
  name: 'Công ty TNHH Nông sản Xứ Lạng',
  taxCode: '4900765432',
  kind: 'exporter' as const,
  address: 'Phường Lương Văn Tri, tỉnh Lạng Sơn',
  communeCode: '05983',
  contactName: 'Nguyễn Thị Hoa',
  phone: '0987654321',
  email: 'lienhe@nongsanxulang.vn',
  markets: ['CN', 'VN'],
};

interface DemoUser {
  username: string;
  fullName: string;
  role: Role;
}

/** First start of the embedded default: a demo cooperative, enterprise and one user per role. */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger(DemoSeed.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly certificates: CertificatesSeed,
    private readonly valueChains: ValueChainsSeed,
  ) {}

  async run(sqlitePath: string): Promise<void> {
    if (await this.dataSource.getRepository(User).exists({ where: { role: 'official' } })) return;
    const cooperativeId = await this.ensureCooperative();
    const enterpriseId = await this.ensureEnterprise();
    await this.certificates.run({ cooperativeId, enterpriseId });
    await this.valueChains.run({ cooperativeId, enterpriseId });
    const hasAdmin = await this.dataSource.getRepository(User).existsBy({ role: 'admin' });
    const wanted: Array<DemoUser & { cooperativeId?: string; enterpriseId?: string }> = [
      ...(hasAdmin ? [] : [{ username: 'admin', fullName: 'Quản trị hệ thống', role: 'admin' as const }]),
      { username: 'official', fullName: 'Lương Thị Mai (Sở Nông nghiệp và Môi trường)', role: 'official' },
      { username: 'inspector', fullName: 'Vi Văn Hùng (Chi cục Trồng trọt và BVTV)', role: 'inspector' },
      { username: 'htx.nacaikinh', fullName: 'Hoàng Thị Lan', role: 'cooperative', cooperativeId },
      { username: 'dn.xulang', fullName: 'Nguyễn Thị Hoa', role: 'enterprise', enterpriseId },
    ];
    const lines: string[] = [];
    for (const user of wanted) {
      const password = randomBytes(9).toString('base64url');
      await this.users.create(null, { ...user, password });
      lines.push(`${user.role.padEnd(12)} ${user.username.padEnd(16)} ${password}`);
    }
    const table = `role         username         password\n${lines.join('\n')}\n`;
    const file = join(dirname(sqlitePath), 'demo-users.txt');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, table, { mode: 0o600 });
    this.logger.warn({
      msg: 'demo users created (embedded default only)',
      file,
      usernames: wanted.map((u) => u.username),
    });
    // For the person who just typed npm start: the JSON log above is not where anyone looks for a password.
    process.stdout.write(`\nDemo users (also in ${file}):\n${table}\n`);
  }

  private async ensureCooperative(): Promise<string> {
    const repo = this.dataSource.getRepository(Cooperative);
    const found = await repo.findOneBy({ taxCode: DEMO_COOPERATIVE.taxCode });
    if (found) return found.id;
    const row = repo.create({
      ...DEMO_COOPERATIVE,
      searchKey: foldVietnamese(DEMO_COOPERATIVE.name),
      status: 'active',
    });
    await repo.insert(row);
    return row.id;
  }

  private async ensureEnterprise(): Promise<string> {
    const repo = this.dataSource.getRepository(Enterprise);
    const found = await repo.findOneBy({ taxCode: DEMO_ENTERPRISE.taxCode });
    if (found) return found.id;
    const row = repo.create({ ...DEMO_ENTERPRISE, searchKey: foldVietnamese(DEMO_ENTERPRISE.name) });
    await repo.insert(row);
    return row.id;
  }
}
