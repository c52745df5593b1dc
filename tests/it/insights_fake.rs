//! CloudWatch Logs Insights, interpreted over JSON log events, for what moto does not do
//! (moto 5.2's Insights knows `fields`, `sort` and `limit` of `@` fields only: no `filter`,
//! no `stats`, no JSON fields). It follows the Logs Insights query syntax reference for the
//! part a span summary needs:
//!
//! - commands `filter`, `fields`, `display`, `stats ... by ...`, `sort ... asc|desc`, `limit`,
//!   separated by `|`;
//! - JSON events flattened with dots (`attributes.http.route`), names in backticks or bare;
//! - `+ - * /`, `= != < <= > >=`, `and or not`, `like "substring"`;
//! - `coalesce isempty ispresent floor abs least greatest strcontains`, and the aggregates
//!   `count(*) sum avg min max pct`. `pct` is the nearest-rank percentile (a value observed).
//!
//! A missing field is null: arithmetic on it is null, a comparison with it false, and
//! aggregates skip it, as Insights does. Anything else is a `MalformedQueryException`, so a
//! query tracectl should not send fails loudly here.

#![allow(dead_code)]

use std::collections::BTreeMap;

use serde_json::Value;

/// A value of a field or expression.
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    Null,
    Num(f64),
    Str(String),
}

impl V {
    fn num(&self) -> Option<f64> {
        match self {
            V::Num(n) => Some(*n),
            V::Str(s) => s.trim().parse().ok(),
            V::Null => None,
        }
    }

    fn truthy(&self) -> bool {
        match self {
            V::Null => false,
            V::Num(n) => *n != 0.0,
            V::Str(s) => !s.is_empty(),
        }
    }

    /// As GetQueryResults writes values: text; whole numbers without a fraction.
    pub fn text(&self) -> String {
        match self {
            V::Null => String::new(),
            V::Num(n) if n.fract() == 0.0 && n.abs() < 1e21 => format!("{n:.0}"),
            V::Num(n) => n.to_string(),
            V::Str(s) => s.clone(),
        }
    }
}

fn bool_v(b: bool) -> V {
    V::Num(if b { 1.0 } else { 0.0 })
}

/// One result row: (field, value) pairs, as GetQueryResults lists them.
pub type Row = Vec<(String, String)>;

/// One event's fields: the JSON message flattened with dots, and `@timestamp`.
pub type Record = BTreeMap<String, V>;

pub fn flatten(message: &Value, timestamp_ms: i64) -> Record {
    fn walk(prefix: &str, value: &Value, out: &mut Record) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(&format!("{prefix}.{i}"), v, out);
                }
            }
            Value::Number(n) => {
                out.insert(prefix.to_string(), V::Num(n.as_f64().unwrap_or(f64::NAN)));
            }
            Value::String(s) => {
                out.insert(prefix.to_string(), V::Str(s.clone()));
            }
            Value::Bool(b) => {
                out.insert(prefix.to_string(), V::Str(b.to_string()));
            }
            Value::Null => {}
        }
    }
    let mut out = Record::new();
    walk("", message, &mut out);
    out.insert("@timestamp".into(), V::Num(timestamp_ms as f64));
    out
}

// ---- tokens -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Ident(String),
    Sym(&'static str),
}

fn tokenize(q: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '\'' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err("unterminated string".into()),
                    Some('\\') => {
                        s.push(*chars.get(i + 1).ok_or("dangling escape")?);
                        i += 2;
                    }
                    Some(&d) if d == c => {
                        i += 1;
                        break;
                    }
                    Some(&d) => {
                        s.push(d);
                        i += 1;
                    }
                }
            }
            out.push(Tok::Str(s));
        } else if c == '`' {
            let end = chars[i + 1..]
                .iter()
                .position(|&d| d == '`')
                .ok_or("unterminated backtick")?;
            out.push(Tok::Ident(chars[i + 1..i + 1 + end].iter().collect()));
            i += end + 2;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            out.push(Tok::Num(
                text.parse().map_err(|_| format!("bad number {text}"))?,
            ));
        } else if c.is_alphabetic() || c == '_' || c == '@' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '@'))
            {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let sym = ["!=", "<=", ">="]
                .into_iter()
                .find(|s| *s == two)
                .or_else(|| {
                    ["(", ")", ",", "+", "-", "*", "/", "%", "=", "<", ">", "|"]
                        .into_iter()
                        .find(|s| s.starts_with(c))
                })
                .ok_or_else(|| format!("unexpected character '{c}'"))?;
            i += sym.len();
            out.push(Tok::Sym(sym));
        }
    }
    Ok(out)
}

// ---- expressions --------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Expr {
    Lit(V),
    Field(String),
    Star,
    Unary(&'static str, Box<Expr>),
    Binary(String, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn eat_sym(&mut self, sym: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Sym(s)) if *s == sym) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Ident(w)) if w.eq_ignore_ascii_case(word)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect_sym(&mut self, sym: &str) -> Result<(), String> {
        if self.eat_sym(sym) {
            Ok(())
        } else {
            Err(format!("expected '{sym}' at {:?}", self.peek()))
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Tok::Ident(name)) => Ok(name),
            other => Err(format!("expected a name, found {other:?}")),
        }
    }

    fn at_command_end(&self) -> bool {
        matches!(self.peek(), None | Some(Tok::Sym("|")))
    }

    fn expr(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.eat_word("or") {
            left = Expr::Binary("or".into(), Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.not()?;
        while self.eat_word("and") {
            left = Expr::Binary("and".into(), Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, String> {
        if self.eat_word("not") {
            return Ok(Expr::Unary("not", Box::new(self.not()?)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, String> {
        let left = self.additive()?;
        for op in ["=", "!=", "<=", ">=", "<", ">"] {
            if self.eat_sym(op) {
                return Ok(Expr::Binary(
                    op.into(),
                    Box::new(left),
                    Box::new(self.additive()?),
                ));
            }
        }
        if self.eat_word("like") {
            return Ok(Expr::Binary(
                "like".into(),
                Box::new(left),
                Box::new(self.additive()?),
            ));
        }
        Ok(left)
    }

    fn additive(&mut self) -> Result<Expr, String> {
        let mut left = self.multiplicative()?;
        loop {
            let op = if self.eat_sym("+") {
                "+"
            } else if self.eat_sym("-") {
                "-"
            } else {
                return Ok(left);
            };
            left = Expr::Binary(op.into(), Box::new(left), Box::new(self.multiplicative()?));
        }
    }

    fn multiplicative(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat_sym("*") {
                "*"
            } else if self.eat_sym("/") {
                "/"
            } else if self.eat_sym("%") {
                "%"
            } else {
                return Ok(left);
            };
            left = Expr::Binary(op.into(), Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.eat_sym("-") {
            return Ok(Expr::Unary("-", Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Tok::Num(n)) => Ok(Expr::Lit(V::Num(n))),
            Some(Tok::Str(s)) => Ok(Expr::Lit(V::Str(s))),
            Some(Tok::Sym("*")) => Ok(Expr::Star),
            Some(Tok::Sym("(")) => {
                let e = self.expr()?;
                self.expect_sym(")")?;
                Ok(e)
            }
            Some(Tok::Ident(name)) => {
                if self.eat_sym("(") {
                    let mut args = Vec::new();
                    if !self.eat_sym(")") {
                        loop {
                            args.push(self.expr()?);
                            if self.eat_sym(")") {
                                break;
                            }
                            self.expect_sym(",")?;
                        }
                    }
                    Ok(Expr::Call(name.to_ascii_lowercase(), args))
                } else {
                    Ok(Expr::Field(name))
                }
            }
            other => Err(format!("unexpected {other:?}")),
        }
    }
}

fn eval(e: &Expr, r: &Record) -> Result<V, String> {
    Ok(match e {
        Expr::Lit(v) => v.clone(),
        Expr::Field(name) => r.get(name).cloned().unwrap_or(V::Null),
        Expr::Star => V::Num(1.0),
        Expr::Unary("not", a) => bool_v(!eval(a, r)?.truthy()),
        Expr::Unary(_, a) => match eval(a, r)?.num() {
            Some(n) => V::Num(-n),
            None => V::Null,
        },
        Expr::Binary(op, a, b) => {
            let (a, b) = (eval(a, r)?, eval(b, r)?);
            match op.as_str() {
                "and" => bool_v(a.truthy() && b.truthy()),
                "or" => bool_v(a.truthy() || b.truthy()),
                "like" => match (&a, &b) {
                    (V::Str(s), V::Str(sub)) => bool_v(s.contains(sub.as_str())),
                    _ => bool_v(false),
                },
                "=" | "!=" | "<" | "<=" | ">" | ">=" => {
                    let ordering = match (a.num(), b.num(), &a, &b) {
                        (_, _, V::Null, _) | (_, _, _, V::Null) => return Ok(bool_v(false)),
                        (Some(x), Some(y), _, _) => x.partial_cmp(&y),
                        _ => Some(a.text().cmp(&b.text())),
                    };
                    let Some(o) = ordering else {
                        return Ok(bool_v(false));
                    };
                    bool_v(match op.as_str() {
                        "=" => o.is_eq(),
                        "!=" => o.is_ne(),
                        "<" => o.is_lt(),
                        "<=" => o.is_le(),
                        ">" => o.is_gt(),
                        _ => o.is_ge(),
                    })
                }
                _ => match (a.num(), b.num()) {
                    (Some(x), Some(y)) => V::Num(match op.as_str() {
                        "+" => x + y,
                        "-" => x - y,
                        "*" => x * y,
                        "/" => x / y,
                        _ => x % y,
                    }),
                    _ => V::Null,
                },
            }
        }
        Expr::Call(f, args) => {
            let vals: Vec<V> = args.iter().map(|a| eval(a, r)).collect::<Result<_, _>>()?;
            let nums = || -> Option<Vec<f64>> { vals.iter().map(V::num).collect() };
            match f.as_str() {
                "coalesce" => vals.into_iter().find(|v| *v != V::Null).unwrap_or(V::Null),
                "isempty" => bool_v(
                    matches!(vals.first(), None | Some(V::Null))
                        || vals.first() == Some(&V::Str(String::new())),
                ),
                "ispresent" => bool_v(!matches!(vals.first(), None | Some(V::Null))),
                "floor" => nums()
                    .and_then(|n| n.first().map(|x| V::Num(x.floor())))
                    .unwrap_or(V::Null),
                "abs" => nums()
                    .and_then(|n| n.first().map(|x| V::Num(x.abs())))
                    .unwrap_or(V::Null),
                "least" => nums()
                    .map(|n| V::Num(n.into_iter().fold(f64::INFINITY, f64::min)))
                    .unwrap_or(V::Null),
                "greatest" => nums()
                    .map(|n| V::Num(n.into_iter().fold(f64::NEG_INFINITY, f64::max)))
                    .unwrap_or(V::Null),
                "strcontains" => match (vals.first(), vals.get(1)) {
                    (Some(V::Str(s)), Some(V::Str(sub))) => bool_v(s.contains(sub.as_str())),
                    _ => bool_v(false),
                },
                other => return Err(format!("unknown function {other}")),
            }
        }
    })
}

// ---- commands -----------------------------------------------------------------------------

#[derive(Debug)]
struct Aggregate {
    function: String,
    arg: Expr,
    percent: f64,
    name: String,
}

#[derive(Debug)]
enum Command {
    Filter(Expr),
    Fields(Vec<(Expr, String)>),
    Display(Vec<String>),
    Stats(Vec<Aggregate>, Vec<String>),
    Sort(Expr, bool),
    Limit(usize),
}

fn expr_name(e: &Expr) -> String {
    match e {
        Expr::Field(name) => name.clone(),
        other => format!("{other:?}"),
    }
}

fn parse(query: &str) -> Result<Vec<Command>, String> {
    let mut p = Parser {
        toks: tokenize(query)?,
        at: 0,
    };
    let mut commands = Vec::new();
    loop {
        let word = p.ident()?.to_ascii_lowercase();
        let command = match word.as_str() {
            "filter" => Command::Filter(p.expr()?),
            "fields" => {
                let mut list = Vec::new();
                loop {
                    let e = p.expr()?;
                    let name = if p.eat_word("as") {
                        p.ident()?
                    } else {
                        expr_name(&e)
                    };
                    list.push((e, name));
                    if !p.eat_sym(",") {
                        break;
                    }
                }
                Command::Fields(list)
            }
            "display" => {
                let mut list = vec![p.ident()?];
                while p.eat_sym(",") {
                    list.push(p.ident()?);
                }
                Command::Display(list)
            }
            "stats" => {
                let mut aggregates = Vec::new();
                loop {
                    let function = p.ident()?.to_ascii_lowercase();
                    p.expect_sym("(")?;
                    let arg = p.expr()?;
                    let percent = if function == "pct" {
                        p.expect_sym(",")?;
                        match p.next() {
                            Some(Tok::Num(n)) => n,
                            other => return Err(format!("pct needs a number, found {other:?}")),
                        }
                    } else {
                        0.0
                    };
                    p.expect_sym(")")?;
                    if !["count", "sum", "avg", "min", "max", "pct"].contains(&function.as_str()) {
                        return Err(format!("unknown aggregate {function}"));
                    }
                    let name = if p.eat_word("as") {
                        p.ident()?
                    } else {
                        format!("{function}({})", expr_name(&arg))
                    };
                    aggregates.push(Aggregate {
                        function,
                        arg,
                        percent,
                        name,
                    });
                    if !p.eat_sym(",") {
                        break;
                    }
                }
                let mut by = Vec::new();
                if p.eat_word("by") {
                    by.push(p.ident()?);
                    while p.eat_sym(",") {
                        by.push(p.ident()?);
                    }
                }
                Command::Stats(aggregates, by)
            }
            "sort" => {
                let e = p.expr()?;
                let desc = if p.eat_word("desc") {
                    true
                } else {
                    p.eat_word("asc");
                    false
                };
                Command::Sort(e, desc)
            }
            "limit" => match p.next() {
                Some(Tok::Num(n)) if n >= 1.0 => Command::Limit(n as usize),
                other => return Err(format!("limit needs a positive number, found {other:?}")),
            },
            other => return Err(format!("unknown command {other}")),
        };
        commands.push(command);
        if !p.at_command_end() {
            return Err(format!("unexpected {:?} after {word}", p.peek()));
        }
        if p.next().is_none() {
            return Ok(commands);
        }
    }
}

/// Nearest rank, as `tracectl`'s own percentiles: always an observed value.
fn nearest_rank(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn aggregate(a: &Aggregate, group: &[&Record]) -> Result<V, String> {
    let mut values = Vec::new();
    for r in group {
        if let Some(n) = eval(&a.arg, r)?.num() {
            values.push(n);
        }
    }
    if a.function == "count" {
        let counted = match a.arg {
            Expr::Star => group.len(),
            _ => group
                .iter()
                .filter(|r| eval(&a.arg, r).is_ok_and(|v| v != V::Null))
                .count(),
        };
        return Ok(V::Num(counted as f64));
    }
    if values.is_empty() {
        return Ok(V::Null);
    }
    values.sort_by(f64::total_cmp);
    Ok(V::Num(match a.function.as_str() {
        "sum" => values.iter().sum(),
        "avg" => values.iter().sum::<f64>() / values.len() as f64,
        "min" => values[0],
        "max" => *values.last().unwrap(),
        _ => nearest_rank(&values, a.percent),
    }))
}

/// The rows a query gives over `records`, each as (field, value) pairs in query order.
pub fn run(query: &str, records: Vec<Record>) -> Result<Vec<Row>, String> {
    let commands = parse(query)?;
    let mut rows = records;
    let mut shown: Vec<String> = Vec::new();
    for command in &commands {
        match command {
            Command::Filter(e) => {
                let mut kept = Vec::new();
                for r in rows {
                    if eval(e, &r)?.truthy() {
                        kept.push(r);
                    }
                }
                rows = kept;
            }
            Command::Fields(list) => {
                for r in rows.iter_mut() {
                    let mut computed = Vec::new();
                    for (e, name) in list {
                        computed.push((name.clone(), eval(e, r)?));
                    }
                    r.extend(computed);
                }
                for (_, name) in list {
                    if !shown.contains(name) {
                        shown.push(name.clone());
                    }
                }
            }
            Command::Display(list) => shown = list.clone(),
            Command::Stats(aggregates, by) => {
                let mut groups: BTreeMap<Vec<String>, Vec<&Record>> = BTreeMap::new();
                for r in &rows {
                    let key = by
                        .iter()
                        .map(|f| r.get(f).map(V::text).unwrap_or_default())
                        .collect();
                    groups.entry(key).or_default().push(r);
                }
                let mut out = Vec::new();
                for (key, group) in groups {
                    let mut row = Record::new();
                    for (field, value) in by.iter().zip(key) {
                        row.insert(field.clone(), V::Str(value));
                    }
                    for a in aggregates {
                        row.insert(a.name.clone(), aggregate(a, &group)?);
                    }
                    out.push(row);
                }
                rows = out;
                shown = by.clone();
                shown.extend(aggregates.iter().map(|a| a.name.clone()));
            }
            Command::Sort(e, desc) => {
                let mut keyed: Vec<(V, Record)> = Vec::new();
                for r in rows {
                    keyed.push((eval(e, &r)?, r));
                }
                keyed.sort_by(|(a, _), (b, _)| {
                    let o = match (a.num(), b.num()) {
                        (Some(x), Some(y)) => x.total_cmp(&y),
                        (Some(_), None) => std::cmp::Ordering::Greater,
                        (None, Some(_)) => std::cmp::Ordering::Less,
                        (None, None) => a.text().cmp(&b.text()),
                    };
                    if *desc { o.reverse() } else { o }
                });
                rows = keyed.into_iter().map(|(_, r)| r).collect();
            }
            Command::Limit(n) => rows.truncate(*n),
        }
    }
    Ok(rows
        .iter()
        .map(|r| {
            shown
                .iter()
                .filter_map(|f| Some((f.clone(), r.get(f)?.text())))
                .collect()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_interpreter_filters_computes_and_aggregates() {
        let records: Vec<Record> = [(200, 0.1), (500, 0.3), (429, 0.2), (200, 0.4)]
            .iter()
            .map(|(status, secs)| {
                flatten(
                    &json!({"kind": "SERVER", "attributes": {"http.response.status_code": status},
                            "durationNano": (secs * 1e9) as i64}),
                    0,
                )
            })
            .collect();
        let rows = run(
            "filter kind = \"SERVER\" | fields durationNano / 1000000000 as s, \
             1 - least(abs(`attributes.http.response.status_code` - 429), 1) as throttle \
             | stats count(*) as n, sum(throttle) as t, pct(s, 50) as p50, max(s) as top",
            records,
        )
        .unwrap();
        assert_eq!(
            rows,
            vec![vec![
                ("n".to_string(), "4".to_string()),
                ("t".into(), "1".into()),
                ("p50".into(), "0.2".into()),
                ("top".into(), "0.4".into()),
            ]]
        );
        assert!(run("stats frobnicate(x)", vec![]).is_err());
    }
}
