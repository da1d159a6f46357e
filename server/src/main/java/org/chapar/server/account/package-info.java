/** Accounts (usernames, never phone numbers), Argon2id passwords, device sessions and tokens. */
package org.chapar.server.account;
