"""Provisioning members from the identity provider with SCIM 2.0 (RFC 7643, RFC 7644).

A small implementation of the endpoints an identity provider (Entra ID, Okta, …) uses
at /scim/v2/: the discovery documents and Users (create, read, list with a `userName eq`
filter, replace, patch, deactivate). Every write goes through the roster's service
(`trellis.people.roster.roster_apply`), so SCIM and the CSV import clean and check each
value the same way. Off unless TRELLIS_SCIM_ENABLED is true; the identity provider
presents a bearer token an organiser made on /organise/scim/.

Modules: `protocol` (SCIM's constants, errors, responses), `resources` (a member as a
SCIM User and back), `patching` (PATCH operations), `filtering` (the filter we
support), `tokens` (the provisioning tokens), `views` and `pages` (the endpoints and the
organiser's page).
"""
