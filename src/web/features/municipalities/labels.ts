export { municipalityKindLabels, municipalityKinds } from '../../../shared/schemas/municipalities';
