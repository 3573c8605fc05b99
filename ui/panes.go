package ui

import (
	"github.com/memberops/cockpit/ui/common"
	"github.com/memberops/cockpit/ui/lifecycle"
	"github.com/memberops/cockpit/ui/members"
)

// lifecyclePane is the Lifecycle pane (生命周期).
func lifecyclePane(c *common.Common) common.TabComponent { return lifecycle.New(c) }

// membersPane is the Members pane (会员).
func membersPane(c *common.Common) common.TabComponent { return members.New(c) }
