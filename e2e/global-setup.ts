// @ts-expect-error plain JS build script
import { buildWeb } from '../apps/web/scripts/build.js'

/**
 * For the browser project: the web app is built once before any journey file runs, so files running in
 * parallel never rebuild `apps/web/dist` under each other's servers.
 */
export default async function setup() {
  await buildWeb({ quiet: true })
}
