/**
 * Test helpers of @gatehouse/workflow for its own tests and its consumers'
 * (the approvals service): request fixtures and given/when/then for deciders.
 */
export {
  FIXTURE_ACCOUNT,
  given,
  review,
  ruleSnapshot,
  submittedData,
  userArn,
} from './requestFixtures.js';
