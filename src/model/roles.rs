//! Role letters (AECI's A E C I, and the letters the other schemes write:
//! R S D P) and the per-step role map.

use super::ids::LaneId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// One role letter. AECI's four come first; a process's scheme
/// (`model::scheme`) says which letters it writes and what they mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// AECI 审批 / RACI accountable / DACI approver / RAPID agree.
    A,
    /// AECI 执行: carries the step out.
    E,
    /// Consulted (AECI 协助 / 咨询, RACI, DACI contributor).
    C,
    /// Informed (AECI 知会), or RAPID's input.
    I,
    /// RACI responsible, or RAPID's recommend.
    R,
    /// RASCI supports.
    S,
    /// DACI driver, or RAPID's decide.
    D,
    /// RAPID perform.
    P,
}

impl Role {
    /// AECI's letters in their order A, E, C, I.
    pub const ALL: [Role; 4] = [Role::A, Role::E, Role::C, Role::I];

    /// Every letter any scheme writes, in the order cells show them.
    pub const EVERY: [Role; 8] = [
        Role::A,
        Role::E,
        Role::C,
        Role::I,
        Role::R,
        Role::S,
        Role::D,
        Role::P,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The letter as written in tables and files.
    pub fn letter(self) -> char {
        match self {
            Role::A => 'A',
            Role::E => 'E',
            Role::C => 'C',
            Role::I => 'I',
            Role::R => 'R',
            Role::S => 'S',
            Role::D => 'D',
            Role::P => 'P',
        }
    }

    /// Parses one letter, case-insensitively.
    pub fn from_letter(c: char) -> Option<Role> {
        let upper = c.to_ascii_uppercase();
        Role::EVERY.into_iter().find(|r| r.letter() == upper)
    }
}

/// A set of role letters, shown as `A,E` in the fixed order A, E, C, I,
/// then R, S, D, P.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RoleSet(u8);

impl RoleSet {
    /// No letters.
    pub const EMPTY: RoleSet = RoleSet(0);

    /// A set holding exactly these letters.
    pub fn of(roles: &[Role]) -> RoleSet {
        roles.iter().fold(RoleSet::EMPTY, |set, &r| set.with(r))
    }

    pub fn contains(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }

    pub fn with(self, role: Role) -> RoleSet {
        RoleSet(self.0 | role.bit())
    }

    pub fn without(self, role: Role) -> RoleSet {
        RoleSet(self.0 & !role.bit())
    }

    pub fn union(self, other: RoleSet) -> RoleSet {
        RoleSet(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The letters in display order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::EVERY.into_iter().filter(move |r| self.contains(*r))
    }

    /// Parses `A,E`, `AE`, `a, e` or an empty string; any other character is
    /// an error naming it.
    pub fn parse(text: &str) -> Result<RoleSet, String> {
        let mut set = RoleSet::EMPTY;
        for c in text.chars() {
            if c == ',' || c == '，' || c == '、' || c.is_whitespace() {
                continue;
            }
            match Role::from_letter(c) {
                Some(role) => set = set.with(role),
                None => {
                    return Err(format!(
                        "unknown role letter '{c}' in \"{text}\" (expected A, E, C, I, R, S, D or P)"
                    ));
                }
            }
        }
        Ok(set)
    }
}

impl fmt::Display for RoleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for role in self.iter() {
            if !first {
                f.write_str(",")?;
            }
            first = false;
            write!(f, "{}", role.letter())?;
        }
        Ok(())
    }
}

impl Serialize for RoleSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RoleSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RoleSet::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A step's roles: for each lane, the letters that lane holds. Lanes with no
/// letters are absent, so two equal role maps compare equal.
pub type Roles = BTreeMap<LaneId, RoleSet>;

/// Sets one cell of a role map, dropping the entry when it becomes empty.
pub fn set_role_cell(roles: &mut Roles, lane: LaneId, set: RoleSet) {
    if set.is_empty() {
        roles.remove(&lane);
    } else {
        roles.insert(lane, set);
    }
}

/// The letters a lane holds in a role map (empty when absent).
pub fn role_cell(roles: &Roles, lane: LaneId) -> RoleSet {
    roles.get(&lane).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_sets_print_in_the_fixed_order_a_e_c_i() {
        let set = RoleSet::of(&[Role::I, Role::E, Role::A]);
        assert_eq!(set.to_string(), "A,E,I");
        assert_eq!(RoleSet::of(&[Role::R, Role::A]).to_string(), "A,R");
        assert_eq!(RoleSet::EMPTY.to_string(), "");
    }

    #[test]
    fn role_sets_parse_the_ways_people_type_them() {
        assert_eq!(RoleSet::parse("A,E"), Ok(RoleSet::of(&[Role::A, Role::E])));
        assert_eq!(RoleSet::parse("e a"), Ok(RoleSet::of(&[Role::A, Role::E])));
        assert_eq!(RoleSet::parse("C，I"), Ok(RoleSet::of(&[Role::C, Role::I])));
        assert_eq!(RoleSet::parse(""), Ok(RoleSet::EMPTY));
        assert_eq!(RoleSet::parse("a,r"), Ok(RoleSet::of(&[Role::A, Role::R])));
        let err = RoleSet::parse("A,X").unwrap_err();
        assert!(err.contains("'X'"), "{err}");
    }
}
