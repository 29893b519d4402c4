//! Synthetic processes for tests and benchmarks (W-N): 8 lanes, 4 phases,
//! N steps with realistic Chinese titles, a connector between consecutive
//! steps plus some loops back, roles on every step. Deterministic.

use super::ids::{ConnectorId, LaneId, PhaseId, StepId};
use super::process::{Connector, FlowPoint, Lane, Overview, Phase, Process, Step, StepKind};
use super::roles::{Role, RoleSet};

const LANES: [&str; 8] = [
    "特殊商务分部",
    "商务行动与方法分部",
    "大区",
    "经销商",
    "市场部",
    "售后服务部",
    "财务部",
    "网络发展部",
];
const PHASES: [&str; 4] = ["需求确认", "方案制定", "组织实施", "评估改进"];
const WORDS: [&str; 32] = [
    "确定",
    "关键客户",
    "开发",
    "计划",
    "审批",
    "经销商",
    "大区",
    "商务政策",
    "销量",
    "目标",
    "信息",
    "收集",
    "评估",
    "实施",
    "反馈",
    "调整",
    "汇总",
    "分析",
    "报告",
    "制定",
    "区域",
    "市场",
    "调研",
    "预算",
    "培训",
    "考核",
    "结果",
    "执行",
    "方案",
    "资源",
    "配置",
    "跟踪",
];

/// A small deterministic random number generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Column spacing along the flow, wide enough for any box plus a gap.
const COLUMN: f32 = 190.0;
/// Steps sharing one column (in different lanes).
const PER_COLUMN: usize = 3;

/// A process with `steps` steps, the same for the same `seed`.
pub fn synthetic_process(steps: usize, seed: u64) -> Process {
    let mut rng = Rng(seed);
    let mut p = Process {
        overview: Overview {
            name: format!("合成流程 W-{steps}"),
            number: format!("W-{steps}"),
            definition: "用于测试和性能测量的合成流程".to_owned(),
            ..Overview::default()
        },
        ..Process::default()
    };
    for (i, name) in LANES.iter().enumerate() {
        p.lanes.push(Lane {
            id: LaneId(i as u32 + 1),
            name: (*name).to_owned(),
            size: Lane::DEFAULT_SIZE,
        });
    }
    let columns = steps.div_ceil(PER_COLUMN);
    let columns_per_phase = columns.div_ceil(PHASES.len()).max(1);
    for (i, name) in PHASES.iter().enumerate() {
        p.phases.push(Phase {
            id: PhaseId(i as u32 + 1),
            name: (*name).to_owned(),
            size: columns_per_phase as f32 * COLUMN + 60.0,
        });
    }
    for i in 0..steps {
        let column = i / PER_COLUMN;
        let phase = (column / columns_per_phase).min(PHASES.len() - 1);
        let along = 110.0 + (column - phase * columns_per_phase) as f32 * COLUMN;
        // Distinct lanes within a column: a random start, then step by 3.
        let lane = if i % PER_COLUMN == 0 {
            rng.below(LANES.len())
        } else {
            (p.steps[&StepId(i as u32)].lane.0 as usize - 1 + 3) % LANES.len()
        };
        let mut title = String::new();
        let target = 12 + rng.below(13);
        while title.chars().count() < target {
            title.push_str(WORDS[rng.below(WORDS.len())]);
        }
        let title: String = title.chars().take(target).collect();
        let kind = if i % 15 == 7 && i + 2 < steps {
            StepKind::Decision
        } else {
            StepKind::Process
        };
        let id = StepId(i as u32 + 1);
        let lane_id = LaneId(lane as u32 + 1);
        let mut step = Step::new(id, kind, &title, lane_id, FlowPoint::new(along, 75.0));
        step.phase = Some(PhaseId(phase as u32 + 1));
        let approver = LaneId(rng.below(LANES.len()) as u32 + 1);
        let cell = step.roles.get(&approver).copied().unwrap_or_default();
        step.roles.insert(approver, cell.with(Role::A));
        let consulted = LaneId(rng.below(LANES.len()) as u32 + 1);
        step.roles
            .entry(consulted)
            .or_insert(RoleSet::of(&[Role::C]));
        let informed = LaneId(rng.below(LANES.len()) as u32 + 1);
        step.roles
            .entry(informed)
            .or_insert(RoleSet::of(&[Role::I]));
        if i % 9 == 4 {
            step.description = format!("{}并形成书面记录", step.title);
            step.outputs = vec![format!(
                "《{}记录表》",
                &title.chars().take(6).collect::<String>()
            )];
        }
        p.steps.insert(id, step);
    }
    let mut next = 1;
    let mut connect = |p: &mut Process, from: usize, to: usize, label: Option<&str>| {
        let id = ConnectorId(next);
        next += 1;
        p.connectors.insert(
            id,
            Connector {
                id,
                from: StepId(from as u32 + 1),
                to: StepId(to as u32 + 1),
                label: label.map(str::to_owned),
            },
        );
    };
    for i in 0..steps.saturating_sub(1) {
        let decision = p.steps[&StepId(i as u32 + 1)].kind == StepKind::Decision;
        connect(&mut p, i, i + 1, decision.then_some("是"));
        if decision {
            connect(&mut p, i, i + 2, Some("否"));
        }
        if i % 25 == 24 && i >= 5 {
            connect(&mut p, i, i - 5, None);
        }
    }
    p
}
