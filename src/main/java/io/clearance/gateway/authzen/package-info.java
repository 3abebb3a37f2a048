/**
 * OpenID AuthZEN Authorization API 1.0: the access evaluation and evaluations endpoints and the PDP
 * metadata, mapped onto Clearance's decisions (subject = party, action = action, context.on_behalf_of =
 * end customer, context.at = instant), with the outcome and reasons in the response context.
 */
package io.clearance.gateway.authzen;
