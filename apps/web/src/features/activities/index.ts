export { ActivityComposer, ActivityComposerModal, composerKinds, type ComposerKind } from './ActivityComposer'
export { ActivityList, RecordActivities } from './ActivityFeed'
export { activityAbout } from './record-about'
