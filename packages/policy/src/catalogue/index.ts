export { Catalogue, createCatalogue } from './catalogue.js';
export type { CatalogueAction } from './catalogue.js';
export {
  APPROVALS_SERVICE,
  AUDIT_SERVICE,
  GATEHOUSE_CATALOGUE,
  GATEHOUSE_SERVICES,
  IAM_DATA_VERSION,
  IAM_SERVICE,
  STS_SERVICE,
} from './gatehouseServices.js';
export { GLOBAL_CONDITION_KEYS } from './globalConditionKeys.js';
export { serviceFromIamData } from './iamDataAdapter.js';
export type {
  IamDataAction,
  IamDataConditionKey,
  IamDataResourceType,
  IamDataService,
} from './iamDataAdapter.js';
export { ACCESS_LEVELS } from './serviceDefinition.js';
export type {
  AccessLevel,
  ActionDefinition,
  ActionResourceType,
  ConditionKeyDefinition,
  ConditionKeyType,
  ResourceTypeDefinition,
  ServiceDefinition,
} from './serviceDefinition.js';
