import { demoAccounts, demoAdminTotpSecret, demoPassword } from '../../db/seed/demo-accounts';
import { generateTotpCode, totpStep } from '../../platform/auth/totp';
import type { ServiceDeps } from '../../platform/deps';
import type { Role } from '../../../shared/roles';
import { findDemoUsers } from './demo-accounts.repository';

/**
 * Lists the demo accounts for the login page. Only in demo mode, and only
 * accounts that still exist in the database, so a deployment that switched
 * demo mode off shows nothing.
 */
export function createDemoAccountsService(deps: ServiceDeps) {
  return {
    async listDemoAccounts(now: Date) {
      if (!deps.config.isDemo) return { isDemo: false, accounts: [], adminTotpCode: null };
      const rows = await findDemoUsers(
        deps.db,
        demoAccounts.map((a) => a.email),
      );
      const byEmail = new Map(rows.map((r) => [r.email, r]));
      const accounts = demoAccounts.flatMap((a) => {
        const row = byEmail.get(a.email);
        return row
          ? [
              {
                role: a.roles[0] as Role,
                email: a.email,
                password: demoPassword,
                displayName: row.displayName,
                organizationName: row.organizationName,
              },
            ]
          : [];
      });
      const admin = rows.find((r) => (r.roles as Role[]).includes('prefecture_admin') && r.totpSecret);
      return {
        isDemo: true,
        accounts,
        // Only while the admin still uses the published demo secret: once they enrol their own
        // authenticator, the login page must not compute their codes for anyone.
        adminTotpCode:
          admin?.totpSecret === demoAdminTotpSecret
            ? generateTotpCode(demoAdminTotpSecret, totpStep(now))
            : null,
      };
    },
  };
}

export type DemoAccountsService = ReturnType<typeof createDemoAccountsService>;
