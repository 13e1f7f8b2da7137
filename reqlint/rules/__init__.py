"""The rule registry: every rule reqlint has, in code order.  Grep here to find a rule."""

from __future__ import annotations

from reqlint.rules import (
    rl001_invalid_requirement,
    rl002_unknown_option,
    rl003_include_not_found,
    rl004_include_cycle,
    rl005_invalid_pip_config,
    rl006_invalid_pyproject,
    rl007_undefined_variable,
    rl008_comment_swallows_line,
    rl101_extra_index,
    rl102_insecure_http,
    rl103_trusted_host,
    rl104_credentials_in_url,
    rl105_conflicting_sources,
    rl106_extra_before_index,
    rl107_pipconf_inline_comment,
    rl108_unknown_pip_setting,
    rl109_pip_only_mirror,
    rl201_unpinned,
    rl202_loose_pin,
    rl203_wildcard_pin,
    rl204_vcs_not_pinned,
    rl205_partial_hashes,
    rl206_duplicate_requirement,
)
from reqlint.rules.base import Rule

RULES: tuple[Rule, ...] = (
    rl001_invalid_requirement.RULE,
    rl002_unknown_option.RULE,
    rl003_include_not_found.RULE,
    rl004_include_cycle.RULE,
    rl005_invalid_pip_config.RULE,
    rl006_invalid_pyproject.RULE,
    rl007_undefined_variable.RULE,
    rl008_comment_swallows_line.RULE,
    rl101_extra_index.RULE,
    rl102_insecure_http.RULE,
    rl103_trusted_host.RULE,
    rl104_credentials_in_url.RULE,
    rl105_conflicting_sources.RULE,
    rl106_extra_before_index.RULE,
    rl107_pipconf_inline_comment.RULE,
    rl108_unknown_pip_setting.RULE,
    rl109_pip_only_mirror.RULE,
    rl201_unpinned.RULE,
    rl202_loose_pin.RULE,
    rl203_wildcard_pin.RULE,
    rl204_vcs_not_pinned.RULE,
    rl205_partial_hashes.RULE,
    rl206_duplicate_requirement.RULE,
)

BY_CODE: dict[str, Rule] = {rule.meta.code: rule for rule in RULES}
