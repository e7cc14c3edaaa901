/** The server's public API: start and stop a Greenloop server. */
package dev.greenloop.server;
