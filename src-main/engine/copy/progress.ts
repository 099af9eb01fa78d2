export type { CopyPhase, CopyProgress, CopySummary, SkippedItem } from '../../../src-shared/copy-types'
