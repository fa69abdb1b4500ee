import type { Role } from './roles';

/** How each role is named to people, in both languages. */
export const roleLabels: Record<Role, { ja: string; en: string }> = {
  prefecture_admin: { ja: '県 管理者', en: 'Prefecture administrator' },
  reviewer: { ja: '審査員', en: 'Reviewer' },
  council_secretariat: { ja: '協議会 事務局', en: 'Council secretariat' },
  company_member: { ja: '会員企業 担当者', en: 'Company member' },
  municipality_staff: { ja: '市町村 職員', en: 'Municipality staff' },
  municipality_head: { ja: '首長', en: 'Municipality head' },
};
