import { DeliveryLog } from '../inbox/DeliveryLog'
import { SmtpCard } from '../inbox/SmtpCard'
import { WebhooksCard } from '../inbox/WebhooksCard'

/** Notification channels (administrators): e-mail through SMTP, group robots and webhooks, and every delivery. */
export function ChannelsTab() {
  return (
    <>
      <SmtpCard />
      <WebhooksCard />
      <DeliveryLog />
    </>
  )
}
