import type { Role } from '../../../shared/roles';

/**
 * Demo accounts: one per role, plus a second municipality and a second
 * company so the separation between them can be tried. These passwords are
 * public (login page, README) and exist only in demo mode.
 */
export const demoPassword = 'Kakehashi-Demo-2024';

/** Fixed so the login page can show the demo administrator's current code. Demo only. */
export const demoAdminTotpSecret = 'KAKEHASHIDEMOADMINTOTPSECRET2345';

export type DemoOrganizationKey =
  | 'dxDivision'
  | 'municipalAffairsDivision'
  | 'council'
  | 'companyA'
  | 'companyB'
  | 'nishiaizu'
  | 'koriyama';

export interface DemoAccount {
  email: string;
  displayName: string;
  roles: Role[];
  organization: DemoOrganizationKey;
}

export const demoAccounts: DemoAccount[] = [
  {
    email: 'admin@pref.example.jp',
    displayName: '県 管理者（デジタル変革課）',
    roles: ['prefecture_admin'],
    organization: 'dxDivision',
  },
  {
    email: 'reviewer@pref.example.jp',
    displayName: '県 審査員（市町村行政課）',
    roles: ['reviewer'],
    organization: 'municipalAffairsDivision',
  },
  {
    email: 'secretariat@council.example.jp',
    displayName: '協議会 事務局',
    roles: ['council_secretariat'],
    organization: 'council',
  },
  {
    email: 'advisor@company-a.example.jp',
    displayName: 'A社 ICTアドバイザー',
    roles: ['company_member'],
    organization: 'companyA',
  },
  {
    email: 'advisor@company-b.example.jp',
    displayName: 'B社 ICTアドバイザー',
    roles: ['company_member'],
    organization: 'companyB',
  },
  {
    email: 'dx@nishiaizu.example.jp',
    displayName: '西会津町 DX担当',
    roles: ['municipality_staff'],
    organization: 'nishiaizu',
  },
  {
    email: 'mayor@nishiaizu.example.jp',
    displayName: '西会津町長',
    roles: ['municipality_head'],
    organization: 'nishiaizu',
  },
  {
    email: 'dx@koriyama.example.jp',
    displayName: '郡山市 DX担当',
    roles: ['municipality_staff'],
    organization: 'koriyama',
  },
];
