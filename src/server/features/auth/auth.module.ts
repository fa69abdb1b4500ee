import { defineFeature } from '../feature-module';
import { credentialCleanupJob } from './auth.jobs';
import { createAccountRecoveryRoutes } from './account-recovery.routes';
import type { AccountRecoveryService } from './account-recovery.service';
import { createAuthRoutes } from './auth.routes';
import type { AuthService } from './auth.service';
import type { DemoAccountsService } from './demo-accounts.service';

/** Sign-in with TOTP, sessions, the caller's own account, password reset and invitations. */
export const authModule = defineFeature<{
  auth: AuthService;
  demoAccounts: DemoAccountsService;
  accountRecovery: AccountRecoveryService;
}>({
  name: 'auth',
  routes: (service, config) => [
    createAuthRoutes(service.auth, service.demoAccounts, config),
    createAccountRecoveryRoutes(service.accountRecovery),
  ],
  jobs: (_service, config) => [credentialCleanupJob(config.sessionPolicy)],
});
