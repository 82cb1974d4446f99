/**
 * What the profile service tells the outside world. The schemas live in the contract
 * (preload/contract/profiles.ts) because the renderer reads them too; services import them from here.
 */
export {
  ContactView,
  ImportResult,
  IssueView,
  ProfileFeatures,
  ProfileProblem,
  ProfileSourceKind,
  ProfileStatus,
  ProfileSummary,
} from '../../../preload/contract/profiles';
