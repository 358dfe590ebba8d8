import { useDemoServer } from './demo-server'
import { walkEveryPage } from './page-walk'

// A Chinese demo workspace in the Chinese interface: no id, key, code or English word on any page.
useDemoServer({ lang: 'zh-CN' })
walkEveryPage('zh-CN')
