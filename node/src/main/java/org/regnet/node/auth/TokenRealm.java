package org.regnet.node.auth;

import java.util.Set;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.BearerToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.regnet.node.store.User;
import org.regnet.node.store.UserStore;
import org.regnet.rules.Role;
import org.regnet.rules.RuleTable;

/**
 * Shiro realm for bearer tokens: a live token of an enabled user authenticates as that user;
 * authorization gives the user's role and its permissions from the one rule table. The token is the
 * credential, already verified by lookup, so the credentials matcher allows what the lookup found.
 */
public final class TokenRealm extends AuthorizingRealm {
  private final Tokens tokens;
  private final UserStore users;

  public TokenRealm(Tokens tokens, UserStore users) {
    this.tokens = tokens;
    this.users = users;
    setAuthenticationTokenClass(BearerToken.class);
    setCredentialsMatcher(new AllowAllCredentialsMatcher());
    setAuthorizationCachingEnabled(false);
    setAuthenticationCachingEnabled(false);
  }

  @Override
  protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
    String raw = ((BearerToken) token).getToken();
    String username =
        tokens.user(raw).orElseThrow(() -> new AuthenticationException("invalid token"));
    User user =
        users
            .find(username)
            .filter(u -> !u.disabled())
            .orElseThrow(() -> new AuthenticationException("invalid token"));
    return new SimpleAuthenticationInfo(user, raw, getName());
  }

  @Override
  protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
    User user = (User) principals.getPrimaryPrincipal();
    // A role this node does not know (a database edited by hand, a newer version's role) permits
    // nothing: every protected route answers 403, never 500. Known roles get the one rule table:
    // the chaincode transactions this role may run, as the chaincode allows, and the node's own.
    return Role.fromWire(user.role())
        .map(
            role -> {
              SimpleAuthorizationInfo info = new SimpleAuthorizationInfo(Set.of(role.wire()));
              info.setStringPermissions(RuleTable.permissionsOf(role));
              return info;
            })
        .orElseGet(SimpleAuthorizationInfo::new);
  }
}
