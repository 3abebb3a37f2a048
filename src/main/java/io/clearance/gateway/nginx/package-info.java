/** nginx {@code auth_request}: a subrequest per API request, answered by status code and headers. */
package io.clearance.gateway.nginx;
