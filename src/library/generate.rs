//! Synthetic libraries for tests and benchmarks (L-N): N processes of 20
//! to 60 steps in 8 categories, lanes from 12 departments, and exits that
//! lead into other processes of the library. Deterministic.

use super::{Catalogue, Category, Department, Entry};
use crate::model::{Connector, FlowPoint, Process, Step, StepKind, synthetic_process};

const DEPARTMENTS: [&str; 12] = [
    "特殊销售分部",
    "商务行动与方法分部",
    "大区",
    "经销商",
    "市场部",
    "售后服务部",
    "财务部",
    "网络发展部",
    "备件部",
    "生产计划部",
    "物流部",
    "销售公司领导",
];

const CATEGORIES: [&str; 8] = [
    "销售",
    "市场营销",
    "售后服务",
    "备件",
    "网络开发与管理",
    "财务",
    "物流",
    "综合管理",
];

/// A library of `processes` processes (at least one): its catalogue and
/// each process with the file name the catalogue gives it.
pub fn synthetic_library(processes: usize, seed: u64) -> (Catalogue, Vec<(String, Process)>) {
    let processes = processes.max(1);
    let per_category = processes.div_ceil(CATEGORIES.len());
    let number_of = |i: usize| format!("{}.{}", i / per_category + 1, i % per_category + 1);
    let mut catalogue = Catalogue {
        title: format!("合成流程库 L-{processes}"),
        categories: CATEGORIES
            .iter()
            .enumerate()
            .map(|(i, n)| Category {
                id: i as u32 + 1,
                name: (*n).to_owned(),
            })
            .collect(),
        entries: Vec::new(),
        departments: DEPARTMENTS
            .iter()
            .map(|n| Department {
                name: (*n).to_owned(),
                aliases: Vec::new(),
            })
            .collect(),
        scheme: Default::default(),
    };
    let mut files = Vec::new();
    for i in 0..processes {
        let s = seed.wrapping_mul(1_000_003).wrapping_add(i as u64);
        let mut p = synthetic_process(20 + (s % 41) as usize, s);
        for (k, lane) in p.lanes.iter_mut().enumerate() {
            lane.name = DEPARTMENTS[(k + i) % DEPARTMENTS.len()].to_owned();
        }
        let number = number_of(i);
        p.overview.number = number.clone();
        p.overview.name = format!("合成流程{number}");
        p.overview.owner = DEPARTMENTS[i % DEPARTMENTS.len()].to_owned();
        // Exits into the next process and, now and then, one further on.
        add_exit(&mut p, &number_of((i + 1) % processes));
        if i % 3 == 0 {
            add_exit(&mut p, &number_of((i + 7) % processes));
        }
        let file = format!("{number} 合成流程.ron");
        catalogue.entries.push(Entry {
            number: number.clone(),
            name: p.overview.name.clone(),
            category: (i / per_category) as u32 + 1,
            owner: p.overview.owner.clone(),
            file: Some(file.clone()),
        });
        files.push((file, p));
    }
    (catalogue, files)
}

/// An exit into `number` after the process's last step.
fn add_exit(p: &mut Process, number: &str) {
    let Some(last) = p.steps.values().next_back().cloned() else {
        return;
    };
    let id = p.next_step_id();
    let mut exit = Step::new(
        id,
        StepKind::ProcessExit {
            number: number.to_owned(),
            name: String::new(),
        },
        &format!("进入流程 {number}"),
        last.lane,
        FlowPoint::new(last.at.along + 160.0, last.at.across),
    );
    exit.phase = last.phase;
    p.steps.insert(id, exit);
    let connector = Connector {
        id: p.next_connector_id(),
        from: last.id,
        to: id,
        label: None,
    };
    p.connectors.insert(connector.id, connector);
}
