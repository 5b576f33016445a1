-- Audit actions all read area.verb, like repair.create and shop.redeem:
-- the office filters its log by area (fees., notices., helpers., …).
UPDATE audit_log SET action = CASE action
    WHEN 'staff_created' THEN 'accounts.staff_create'
    WHEN 'registration_code_regenerated' THEN 'households.code_regenerate'
    WHEN 'password_reset_issued' THEN 'accounts.reset_issue'
    WHEN 'password_reset' THEN 'accounts.password_reset'
    WHEN 'password_changed' THEN 'accounts.password_change'
    WHEN 'notice_published' THEN 'notices.publish'
    WHEN 'notice_edited' THEN 'notices.edit'
    WHEN 'manager_created' THEN 'admin.manager_create'
    WHEN 'login_failed' THEN 'accounts.login_fail'
    WHEN 'logged_in' THEN 'accounts.login'
    WHEN 'households_imported' THEN 'households.import'
    WHEN 'helper_revoked' THEN 'helpers.revoke'
    WHEN 'helper_linked' THEN 'helpers.link'
    WHEN 'helper_code_issued' THEN 'helpers.code_issue'
    WHEN 'community_created' THEN 'admin.community_create'
    WHEN 'bills_generated' THEN 'fees.bills_generate'
    WHEN 'payment_recorded' THEN 'fees.payment_record'
    WHEN 'payment_reversed' THEN 'fees.payment_reverse'
    WHEN 'registered' THEN 'accounts.register'
    WHEN 'registered_as_helper' THEN 'helpers.register'
END
WHERE action IN ('staff_created', 'registration_code_regenerated', 'password_reset_issued', 'password_reset', 'password_changed', 'notice_published', 'notice_edited', 'manager_created', 'login_failed', 'logged_in', 'households_imported', 'helper_revoked', 'helper_linked', 'helper_code_issued', 'community_created', 'bills_generated', 'payment_recorded', 'payment_reversed', 'registered', 'registered_as_helper');
