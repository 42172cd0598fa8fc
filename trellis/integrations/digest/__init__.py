"""The weekly e-mail digest (issue 17, item 5): one e-mail a week per member, opt-out.

What it says was all worked out before it is sent: intros waiting for the member's
answer, who could help them (matching's stored helper lists), what is new in the topics
they follow, and initiatives needing what they offer (initiatives' stored fit). `trellis
sweep` queues a week's run (`DigestRun`); the background worker builds and sends it in
batches, recording each member sent to (`DigestDelivery`) so nobody gets it twice. Each
e-mail carries a one-click unsubscribe (RFC 8058 and RFC 2369 headers) whose signed token
names one member; the choice itself is notifications' `DigestPreference`.
"""
