import { providePipelines } from '../opportunities'
import { pipelinePort } from './pipeline.service'
import './pipeline.events'

// Opportunities start in their pipeline's first stage: the opportunities module asks through this port.
providePipelines(pipelinePort)

export { pipelineCollection } from './pipeline.collection'
export { registerPipelineRoutes } from './pipeline.routes'
export { registerFileRoutes } from './file.routes'
export {
  createPipeline,
  installPipelineTemplate,
  removePipeline,
  restorePipeline,
  updatePipeline,
} from './pipeline.service'
export { closeOpportunity, moveStage } from './gate.service'
export { attachDeliverable, listDeliverables, removeDeliverable } from './deliverable.service'
export { pipelineOf, type PipelineDef } from './pipeline.repository'
export { sopPipeline } from './template'
export * as pipelineTables from './pipeline.table'
export { fileMeta } from './file.repository'
export { addFileAccess, openFile, storeFile } from './file.service'
export { UPLOAD_BODY_LIMIT, receiveUpload, sendFile, type Upload } from './file-upload'
// The upload checks, for files that arrive another way (e-mail attachments of the service desk).
export { checkFileType, safeFileName } from './file-type'
