import { defineFeature } from '../feature-module';
import { createAccountsRoutes } from './accounts.routes';
import type { AccountsService } from './accounts.service';

/** User administration: invitations, roles, deactivation, unlock, MFA reset. */
export const accountsModule = defineFeature<AccountsService>({
  name: 'accounts',
  routes: (service) => [createAccountsRoutes(service)],
});
