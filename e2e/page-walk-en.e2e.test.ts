import { useDemoServer } from './demo-server'
import { walkEveryPage } from './page-walk'

// An English demo workspace in the English interface: no id, key, code or Chinese character on any page.
useDemoServer({ lang: 'en' })
walkEveryPage('en')
