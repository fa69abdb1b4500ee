import { authAccessRules } from '../features/auth/auth.access';
import { municipalitiesAccessRules } from '../features/municipalities/municipalities.access';
import type { AccessRule } from './access';

/** Every feature's access rules. A feature with routes adds its list here. */
export const accessRules: AccessRule[] = [...authAccessRules, ...municipalitiesAccessRules];
