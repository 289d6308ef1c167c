package org.regnet.node.auth;

import java.util.Optional;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.BearerToken;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.DefaultSessionStorageEvaluator;
import org.apache.shiro.mgt.DefaultSubjectDAO;
import org.apache.shiro.session.mgt.DefaultSessionManager;
import org.apache.shiro.subject.Subject;
import org.regnet.node.store.User;

/**
 * Stateless Shiro: no sessions (neither created nor stored), no cookies, no remember-me. Each
 * request builds a subject, logs it in with its bearer token and checks the route's permission.
 */
public final class Security {
  private final DefaultSecurityManager manager;

  public Security(TokenRealm realm) {
    manager = new DefaultSecurityManager(realm);
    DefaultSessionStorageEvaluator noStorage = new DefaultSessionStorageEvaluator();
    noStorage.setSessionStorageEnabled(false);
    ((DefaultSubjectDAO) manager.getSubjectDAO()).setSessionStorageEvaluator(noStorage);
    DefaultSessionManager sessions = new DefaultSessionManager();
    sessions.setSessionValidationSchedulerEnabled(false);
    manager.setSessionManager(sessions);
    manager.setRememberMeManager(null);
  }

  /** The authenticated user of {@code token}, or empty. */
  public Optional<Subject> authenticate(String token) {
    Subject subject = new Subject.Builder(manager).sessionCreationEnabled(false).buildSubject();
    try {
      subject.login(new BearerToken(token));
      return Optional.of(subject);
    } catch (AuthenticationException e) {
      return Optional.empty();
    }
  }

  public static User user(Subject subject) {
    return (User) subject.getPrincipal();
  }
}
